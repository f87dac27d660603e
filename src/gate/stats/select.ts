/**
 * Multi-quickselect: reorders `a` in place so that each index in `targets` (ascending) holds
 * the value a full sort would put there — what numpy's partition does for np.quantile. Costs
 * O(n log k) for k targets instead of a sort's O(n log n).
 */
export function selectInPlace(a: Float64Array, targets: number[]): void {
  const t = [...new Set(targets)].filter((i) => i >= 0 && i < a.length).sort((x, y) => x - y);
  select(a, 0, a.length - 1, t, 0, t.length - 1);
}

function select(
  a: Float64Array,
  left: number,
  right: number,
  t: number[],
  tl: number,
  th: number,
): void {
  while (tl <= th && right > left) {
    if (right - left < 24) {
      insertionSort(a, left, right);
      return;
    }
    const mid = (left + right) >>> 1;
    // median of three as pivot
    const x = a[left] as number;
    const y = a[mid] as number;
    const z = a[right] as number;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = left;
    let j = right;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const tmp = a[i] as number;
        a[i] = a[j] as number;
        a[j] = tmp;
        i++;
        j--;
      }
    }
    // [left..j] ≤ pivot, (j..i) = pivot, [i..right] ≥ pivot
    let split = tl;
    while (split <= th && (t[split] as number) <= j) split++;
    let upper = split;
    while (upper <= th && (t[upper] as number) < i) upper++;
    // recurse into the smaller side, loop on the other
    if (split - 1 >= tl) select(a, left, j, t, tl, split - 1);
    left = i;
    tl = upper;
  }
}

function insertionSort(a: Float64Array, left: number, right: number): void {
  for (let i = left + 1; i <= right; i++) {
    const v = a[i] as number;
    let j = i - 1;
    while (j >= left && (a[j] as number) > v) {
      a[j + 1] = a[j] as number;
      j--;
    }
    a[j + 1] = v;
  }
}
