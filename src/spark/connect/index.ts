// The Spark Connect server and its roles.
export * from './spark-connect-props';
export * from './spark-connect-role';
export * from './spark-connect-server';
