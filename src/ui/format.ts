/** Number formatting shared by every view (one place, so readouts agree). */

export const fmtFlops = (macs: number) => (macs >= 1e9 ? `${(macs / 1e9).toFixed(2)} B` : `${(macs / 1e6).toFixed(0)} M`);

export const fmtParams = (n: number) => `${(n / 1e6).toFixed(2)} M`;

export const fmtMs = (ms: number | null | undefined) => (ms == null ? '—' : ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

export const fmtPct = (p: number) => `${(p * 100).toFixed(1)}%`;
/** A top-1 given in percent, e.g. "77.1%" (— where there is none). */
export const fmtAcc = (p: number | null | undefined) => (p == null ? '—' : `${p.toFixed(1)}%`);

export const fmtBytes = (b: number) => (b >= 1048576 ? `${(b / 1048576).toFixed(1)} MB` : b >= 1024 ? `${(b / 1024).toFixed(0)} kB` : `${b} B`);

/** Time left, e.g. "40 s", "2 min". */
export const fmtEta = (s: number) => (s >= 90 ? `${Math.round(s / 60)} min` : `${Math.max(1, Math.round(s))} s`);
/** A download's rate and time left, as the load bars and the Prepare panel say them. */
export const fmtRate = (bytesPerS: number) => `${fmtBytes(bytesPerS)}/s`;
export const fmtLeft = (s: number) => `about ${fmtEta(s)} left`;

export const fmtMult = (x: number) => `${x.toFixed(2)}×`;

export const fmtPhi = (phi: number) => phi.toFixed(1);
