// P5_ALLOC=<file>: an allocation profile of a measured run (collected objects included).

/**
 * When `P5_ALLOC` names a file, starts sampling allocations through the inspector (one sample
 * every `samplingInterval` bytes on average) and returns the function that stops and writes the
 * profile there; otherwise `undefined`.
 */
export const startAllocProfile = async (samplingInterval: number): Promise<(() => Promise<void>) | undefined> => {
  const file = process.env.P5_ALLOC
  if (file === undefined) return undefined
  const { Session } = await import("node:inspector")
  const { writeFileSync } = await import("node:fs")
  const session = new Session()
  session.connect()
  const post = (method: string, params?: object) =>
    new Promise<{ readonly profile?: unknown }>((resolve, reject) =>
      session.post(method, params, (e, r) => (e ? reject(e) : resolve(r as { readonly profile?: unknown })))
    )
  await post("HeapProfiler.enable")
  await post("HeapProfiler.startSampling", {
    samplingInterval,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true
  })
  return async () => {
    const { profile } = await post("HeapProfiler.stopSampling")
    writeFileSync(file, JSON.stringify(profile))
  }
}
