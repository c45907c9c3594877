// Activation timing, reported in the output channel so it can be read in any VS Code
// (bench/extension.js reads it from VS Code's logs). Wall time says what the user waits;
// CPU time of the extension host's thread says what this extension costs, even on a busy
// machine where the wall time mostly measures waiting for a core.

/** A point in time: wall clock and this thread's CPU time, both in milliseconds. */
export interface Instant {
  wallMs: number;
  cpuMs: number;
}

type CpuUsage = () => { user: number; system: number };

/**
 * Now, as an {@link Instant}. CPU time is the thread's where Node can tell (Node 23.9 and
 * later, which VS Code's extension host runs on), else the process's.
 *
 * @example
 * const start = instant();
 */
export function instant(): Instant {
  const thread = (process as { threadCpuUsage?: CpuUsage }).threadCpuUsage;
  const usage = thread ? thread.call(process) : process.cpuUsage();
  return { wallMs: performance.now(), cpuMs: (usage.user + usage.system) / 1000 };
}

/**
 * The same as {@link instant}, as JavaScript for the bundle's first and last lines
 * (esbuild's banner and footer), which run before and after everything it imports.
 *
 * @example
 * esbuild.build({ banner: { js: `var __gustBundleStart = ${INSTANT_SOURCE};` } });
 */
export const INSTANT_SOURCE =
  '(function(){var t=process.threadCpuUsage?process.threadCpuUsage():process.cpuUsage();' +
  'return{wallMs:performance.now(),cpuMs:(t.user+t.system)/1000}})()';

/** The four instants of an activation; the bundle's are missing outside the bundle. */
export interface ActivationTimes {
  bundleStart?: Instant;
  bundleEnd?: Instant;
  activateStart: Instant;
  activateEnd: Instant;
}

const ms = (value: number): string => value.toFixed(1);

/**
 * The log line: activation = loading the bundle + activate(); VS Code's own work between
 * the two (preparing the extension's context) is shown apart.
 *
 * @example
 * activationReport({ bundleStart: { wallMs: 0, cpuMs: 0 }, bundleEnd: { wallMs: 40, cpuMs: 30 },
 *   activateStart: { wallMs: 100, cpuMs: 35 }, activateEnd: { wallMs: 110, cpuMs: 43 } });
 * // 'activated in 50.0 ms (loading the bundle 40.0 ms, activate() 10.0 ms; VS Code between
 * //  them 60.0 ms); CPU 38.0 ms (loading 30.0 ms, activate() 8.0 ms)'
 */
export function activationReport(times: ActivationTimes): string {
  const { bundleStart, bundleEnd, activateStart, activateEnd } = times;
  const activateWall = activateEnd.wallMs - activateStart.wallMs;
  const activateCpu = activateEnd.cpuMs - activateStart.cpuMs;
  if (!bundleStart || !bundleEnd) {
    return `activated in ${ms(activateWall)} ms (activate() only: not running from the bundle); CPU ${ms(activateCpu)} ms`;
  }
  const loadWall = bundleEnd.wallMs - bundleStart.wallMs;
  const loadCpu = bundleEnd.cpuMs - bundleStart.cpuMs;
  return (
    `activated in ${ms(loadWall + activateWall)} ms (loading the bundle ${ms(loadWall)} ms, activate() ${ms(activateWall)} ms; ` +
    `VS Code between them ${ms(activateStart.wallMs - bundleEnd.wallMs)} ms); ` +
    `CPU ${ms(loadCpu + activateCpu)} ms (loading ${ms(loadCpu)} ms, activate() ${ms(activateCpu)} ms)`
  );
}
