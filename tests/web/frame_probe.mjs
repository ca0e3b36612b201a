// Where a frame's time goes in headless Chromium (SwiftShader WebGL 2): the interval between
// animation frames, the app's own per-frame figures, and the time spent in each WebGL call
// (every method of the page's context wrapped with performance.now()), idle and while the big
// example's edits build. Not a check: it prints figures to compare one build with another.
// Usage: node tests/web/frame_probe.mjs URL [SECONDS]
import puppeteer from "puppeteer-core";

const url = (process.argv[2] || "http://127.0.0.1:8000/").replace(/\/?$/, "/");
const seconds = Number(process.argv[3] || 3);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--headless=new", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
         "--no-sandbox", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"],
  defaultViewport: { width: 1600, height: 900 },
});

// Wraps the context's methods and records rAF intervals (in the page).
function instrument() {
  const gl = Module.ctx;
  window.probe = { calls: {}, intervals: [] };
  for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(gl))) {
    const original = gl[name];
    if (typeof original !== "function" || name === "constructor") continue;
    gl[name] = function (...args) {
      const t = performance.now();
      const result = original.apply(gl, args);
      const key = name === "getParameter" ? `getParameter(0x${args[0].toString(16)})` : name;
      const entry = (probe.calls[key] ||= { n: 0, ms: 0, max: 0 });
      const dt = performance.now() - t;
      entry.n++; entry.ms += dt; entry.max = Math.max(entry.max, dt);
      return result;
    };
  }
  let last = performance.now();
  const tick = (now) => { probe.intervals.push(now - last); last = now; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
}
const reset = (page) => page.evaluate(() => {
  probe.calls = {}; probe.intervals = []; Module._convstep_web_reset_frames();
});
async function report(page, label) {
  const r = await page.evaluate(() => ({
    probe, st: JSON.parse(UTF8ToString(Module._convstep_web_state())),
    canvas: [Module.canvas.width, Module.canvas.height],
    attrs: Module.ctx.getContextAttributes() }));
  const iv = r.probe.intervals.slice().sort((a, b) => a - b);
  const med = iv.length ? iv[Math.floor(iv.length / 2)] : NaN;
  const frames = r.st.frames_since_reset;
  console.log(`${label}: rAF ${iv.length} intervals, median ${med.toFixed(1)} ms, worst ` +
              `${(iv[iv.length - 1] || NaN).toFixed(1)} ms; app frames ${frames}, worst interval ` +
              `${r.st.worst_frame_ms.toFixed(1)}, ui ` +
              `${r.st.worst_ui_ms.toFixed(1)}, files ${r.st.worst_files_ms.toFixed(1)}, render ` +
              `${r.st.worst_render_ms.toFixed(1)} ms, not drawn ${r.st.frames_not_drawn ?? "-"}; canvas ` +
              `${r.canvas.join("x")}`);
  const top = Object.entries(r.probe.calls).sort((a, b) => b[1].ms - a[1].ms).slice(0, 8);
  for (const [name, e] of top)
    console.log(`  ${name.padEnd(22)} ${String(e.n).padStart(6)} calls ${e.ms.toFixed(1).padStart(8)} ms` +
                ` (${(e.ms / Math.max(1, frames)).toFixed(2)} ms/frame, worst ${e.max.toFixed(1)})`);
  return r;
}

const page = await browser.newPage();
// PROBE_ATTRS='{"depth":false}': context attributes forced on the page's WebGL context.
if (process.env.PROBE_ATTRS) {
  await page.evaluateOnNewDocument((attrs) => {
    const getContext = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (type, options) {
      return getContext.call(this, type, Object.assign({}, options, JSON.parse(attrs)));
    };
  }, process.env.PROBE_ATTRS);
}
await page.goto(url);
await page.waitForFunction(() => window.Module && Module.convstepFirstFrame !== undefined,
                           { timeout: 60000 });
await sleep(3000);
await page.evaluate(instrument);
const first = await page.evaluate(() => Module.ctx.getContextAttributes());
console.log("context:", JSON.stringify(first));
await reset(page);
await sleep(seconds * 1000);
await report(page, "idle");
await reset(page);
for (const [name, value] of [["batch", 32], ["length", 2048], ["in_channels", 64],
                             ["out_channels", 64], ["kernel_size", 5]]) {
  await page.evaluate((n, v) => Module.ccall("convstep_web_set_param", "number",
                                             ["string", "number"], [n, v]), name, value);
  await sleep(150);
}
for (let i = 0; i < 600; i++) {
  const st = await page.evaluate(() => JSON.parse(UTF8ToString(Module._convstep_web_state())));
  if (!st.build_pending && st.shape[2] === 2048) break;
  await sleep(100);
}
await sleep(500);
await report(page, "editing big example");
await reset(page);
await sleep(seconds * 1000);
await report(page, "idle big example");
await browser.close();
