/**
 * A new incident's sound: two short tones made with WebAudio (no sound file to ship or to fail to
 * load). A page that may not play audio yet (no gesture) stays silent rather than failing.
 */
let context: AudioContext | null = null;

export function beep(level: number): void {
  try {
    context ??= new AudioContext();
    const ctx = context;
    if (ctx.state === 'suspended') void ctx.resume();
    const start = ctx.currentTime + 0.02;
    // A higher and a third tone for 重大 / 特别重大.
    const tones = level >= 3 ? [988, 740, 988] : [880, 660];
    tones.forEach((frequency, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = frequency;
      const at = start + i * 0.18;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.15);
      osc.connect(gain).connect(ctx.destination);
      osc.start(at);
      osc.stop(at + 0.16);
    });
  } catch {
    // No audio device or not allowed: the flash still shows it.
  }
}
