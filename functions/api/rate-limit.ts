// A token bucket per client key, in memory: enough for the single-process local server.
// In AWS, API Gateway's throttling does this job instead.
export interface RateLimiter {
  /** Takes one token; returns 0 when allowed, else the seconds to wait. */
  take: (key: string, now: number) => number;
  /** What `take` would return now, without taking anything. */
  peek: (key: string, now: number) => number;
}

export const tokenBucketLimiter = ({ perSecond, burst, maxKeys = 10_000 }: { perSecond: number; burst: number; maxKeys?: number }): RateLimiter => {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const waitFor = (tokens: number) => (tokens >= 1 ? 0 : Math.ceil((1 - tokens) / perSecond));
  return {
    peek: (key, now) => {
      const bucket = buckets.get(key);
      return bucket ? waitFor(Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond)) : 0;
    },
    take: (key, now) => {
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value!);
        bucket = { tokens: burst, at: now };
        buckets.set(key, bucket);
      }
      bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
      bucket.at = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.ceil((1 - bucket.tokens) / perSecond);
    },
  };
};
