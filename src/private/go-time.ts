/**
 * The few operations of Go's `time` package that robfig/cron v3's `SpecSchedule.Next` uses, on
 * whole seconds since the Unix epoch, in an IANA time zone: the wall clock of an instant
 * (`t.Year()`, `t.Hour()`, `t.Weekday()`...), `time.Date` (a wall clock to an instant, with Go's
 * choice in a DST gap or overlap) and `t.AddDate`. Zone offsets come from the runtime's ICU
 * tz database (`Intl.DateTimeFormat`); Go reads the system's zoneinfo or, in the operator's
 * image, its embedded copy (`time/tzdata`): the two agree except for rule changes one has and the
 * other does not yet.
 */

/** An instant's wall clock in a zone. */
export interface WallClock {
  readonly year: number;
  /** 1 to 12. */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** 0 is Sunday. */
  readonly weekday: number;
  /** Seconds east of UTC. */
  readonly offset: number;
}

/** A time zone, as Go's `*time.Location`. */
export class GoLocation {
  /** The zone's offsets, cached by minute (every tz transition since 1970 falls on a whole minute). */
  private readonly offsets = new Map<number, number>();
  private readonly format: Intl.DateTimeFormat | undefined;

  /**
   * @param zone an IANA name or `UTC`; `Local` must be resolved by the caller (Go's `time.Local`
   *   is the operator process's zone)
   */
  constructor(public readonly zone: string) {
    this.format = zone === 'UTC' ? undefined : new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  }

  /** Seconds east of UTC at the instant `unix` (Go's `loc.lookup(unix)` offset). */
  public offsetAt(unix: number): number {
    if (this.format === undefined) { return 0; }
    const key = Math.floor(unix / 60);
    let offset = this.offsets.get(key);
    if (offset === undefined) {
      const at = key * 60;
      const parts: { [type: string]: number } = {};
      for (const p of this.format.formatToParts(new Date(at * 1000))) {
        if (p.type !== 'literal') { parts[p.type] = Number(p.value); }
      }
      offset = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) / 1000 - at;
      this.offsets.set(key, offset);
    }
    return offset;
  }

  /** The wall clock of the instant `unix` in this zone. */
  public wall(unix: number): WallClock {
    const offset = this.offsetAt(unix);
    const d = new Date((unix + offset) * 1000);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      weekday: d.getUTCDay(),
      offset,
    };
  }

  /**
   * Go's `time.Date(year, month, day, hour, min, sec, 0, loc)`: fields out of range are
   * normalized (month 13 is January of the next year, day 32 the next month), and the offset is
   * the one in force at the wall clock read as UTC, corrected once if that instant falls in
   * another zone period (go/src/time/time.go, `Date`). In a DST gap this gives the time before
   * the gap shifted by the jump (2:30 on a spring-forward night in New York is 1:30 EST); in an
   * overlap, the period in force at the wall clock read as UTC (the first 1:30 in New York, the
   * second one in London).
   */
  public date(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
    const wall = Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
    const first = this.offsetAt(wall);
    if (first === 0) { return wall; }
    return wall - this.offsetAt(wall - first);
  }

  /** Go's `t.AddDate(years, months, days)`: the wall clock moved by whole fields, then `time.Date`. */
  public addDate(unix: number, years: number, months: number, days: number): number {
    const w = this.wall(unix);
    return this.date(w.year + years, w.month + months, w.day + days, w.hour, w.minute, w.second);
  }
}
