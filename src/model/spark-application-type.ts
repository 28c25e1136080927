/**
 * The language of a Spark application (`spec.type` of a SparkApplication).
 *
 * Besides choosing how the operator submits the job, the type sets Spark's default memory
 * overhead factor: 0.1 for JVM applications (Java, Scala), 0.4 for Python and R.
 */
export enum SparkApplicationType {
  /** A Java application (JVM; overhead factor 0.1). */
  JAVA = 'Java',
  /** A Scala application (JVM; overhead factor 0.1). */
  SCALA = 'Scala',
  /** A PySpark application (non-JVM; overhead factor 0.4). */
  PYTHON = 'Python',
  /** A SparkR application (non-JVM; overhead factor 0.4). */
  R = 'R',
}
