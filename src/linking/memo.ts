/**
 * `compute` with its results kept by key, at most `limit` of them: when full, the kept results are
 * dropped and kept anew. Linking asks for the same few values (dates, a day's conflicts, a name's
 * readings) article after article; a server that links for months must not keep every key it met.
 */
export function memoBounded<K, V>(limit: number, compute: (key: K) => V): (key: K) => V {
  const kept = new Map<K, V>();
  return (key) => {
    if (kept.has(key)) return kept.get(key)!;
    const value = compute(key);
    if (kept.size >= limit) kept.clear();
    kept.set(key, value);
    return value;
  };
}
