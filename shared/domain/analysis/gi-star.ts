/**
 * Getis-Ord Gi* (Getis & Ord 1992; Ord & Getis 1995) and the Benjamini–Hochberg false discovery
 * rate, for the hot-spot hex grid (issue #17 item 2).
 *
 * For cell i of n cells with counts x, weights w_ij (here binary, including i itself):
 *
 *   Gi* = (Σ_j w_ij x_j − X̄ Σ_j w_ij) / (S √((n Σ_j w_ij² − (Σ_j w_ij)²) / (n − 1)))
 *
 * with X̄ = Σ x / n and S = √(Σ x² / n − X̄²). Gi* is a z-score; its two-sided p-value is
 * 2 (1 − Φ(|z|)). Testing every cell at once finds "hot spots" by chance, so the p-values are
 * corrected with Benjamini–Hochberg over all cells, and a cell is significant at 90 / 95 / 99 %
 * when its adjusted p-value is ≤ 0.10 / 0.05 / 0.01.
 */

/** Neighbourhoods by dense cell index: the cells whose weight with i is 1 (i itself included). */
export interface Neighbourhoods {
  /** CSR layout: the neighbours of i are list[start[i] … start[i+1]). */
  start: Int32Array;
  list: Int32Array;
}

/** Gi* z-scores of every cell (0 everywhere when all counts are equal: S = 0). */
export function giStar(counts: ArrayLike<number>, nb: Neighbourhoods): Float64Array {
  const n = counts.length;
  const z = new Float64Array(n);
  if (n < 2) return z;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const x = counts[i] as number;
    sum += x;
    sumSq += x * x;
  }
  const mean = sum / n;
  const s = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
  if (!(s > 1e-12 * Math.max(1, mean))) return z;
  for (let i = 0; i < n; i++) {
    const a = nb.start[i] as number;
    const b = nb.start[i + 1] as number;
    // Binary weights: Σ w = Σ w² = the number of neighbours (self included).
    const w = b - a;
    let local = 0;
    for (let k = a; k < b; k++) local += counts[nb.list[k] as number] as number;
    const denom = s * Math.sqrt((n * w - w * w) / (n - 1));
    z[i] = denom > 0 ? (local - mean * w) / denom : 0;
  }
  return z;
}

/**
 * The complementary error function, erfc(x), to a relative error under 1.2e-7 everywhere
 * (Chebyshev fit, Numerical Recipes' erfcc): good down to the tiny p-values of strong hot spots.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Two-sided p-value of a standard normal z: 2 (1 − Φ(|z|)) = erfc(|z| / √2). */
export function twoSidedP(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

/**
 * Benjamini–Hochberg adjusted p-values (q-values), in the input's order: with the p-values sorted
 * ascending p(1) ≤ … ≤ p(m), q(k) = min over j ≥ k of min(1, m p(j) / j). Rejecting the tests with
 * q ≤ α is the step-up procedure at false discovery rate α.
 */
export function benjaminiHochberg(p: ArrayLike<number>): Float64Array {
  const m = p.length;
  const order = Array.from({ length: m }, (_, i) => i).sort(
    (a, b) => (p[a] as number) - (p[b] as number),
  );
  const q = new Float64Array(m);
  let min = 1;
  for (let k = m - 1; k >= 0; k--) {
    const i = order[k] as number;
    min = Math.min(min, ((p[i] as number) * m) / (k + 1));
    q[i] = min;
  }
  return q;
}

/** The confidence of a cell from its adjusted p-value: 99, 95, 90 or null. */
export function confidenceOf(q: number): 90 | 95 | 99 | null {
  if (q <= 0.01) return 99;
  if (q <= 0.05) return 95;
  if (q <= 0.1) return 90;
  return null;
}
