/** A time of day for sentences the main process writes, in the profile's zone ("14:35"). */
export function formatClock(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}
