/**
 * Counting sort: the indices 0..size-1 grouped by `keys[i]` (0..groups-1), stable, negative keys
 * left out. Group g is `order[offsets[g]] .. order[offsets[g + 1] - 1]`. Linear time and no Map,
 * which is what keeps a million events fast.
 */
export function groupIndices(
  keys: Int32Array,
  size: number,
  groups: number,
): { offsets: Int32Array; order: Int32Array } {
  const offsets = new Int32Array(groups + 1);
  for (let i = 0; i < size; i++) {
    const k = keys[i]!;
    if (k >= 0) offsets[k + 1]! += 1;
  }
  for (let g = 0; g < groups; g++) offsets[g + 1]! += offsets[g]!;
  const cursor = offsets.slice(0, groups);
  const order = new Int32Array(offsets[groups]!);
  for (let i = 0; i < size; i++) {
    const k = keys[i]!;
    if (k >= 0) order[cursor[k]!++] = i;
  }
  return { offsets, order };
}
