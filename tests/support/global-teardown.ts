export default async function globalTeardown(): Promise<void> {
  const stops = (globalThis as { __hamaynkStops?: Array<() => Promise<void>> }).__hamaynkStops ?? [];
  await Promise.all(stops.map((stop) => stop().catch(() => undefined)));
}
