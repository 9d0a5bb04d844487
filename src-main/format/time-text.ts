/** One formatter per zone: building an `Intl.DateTimeFormat` costs tens of microseconds, using one about one. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** A time of day for sentences the main process writes, in the profile's zone ("14:35"). */
export function formatClock(at: number, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(at);
}
