// Runs before main(): the IndexedDB-backed folder (settings, autosave) is mounted and read
// back from the browser's storage first, so the app starts with the last visit's files.
Module.preRun = Module.preRun || [];
Module.preRun.push(function () {
  FS.mkdir("/persist");
  FS.mount(IDBFS, {}, "/persist");
  FS.mkdirTree("/home/web_user/opened");
  addRunDependency("convstep-storage");
  FS.syncfs(true, function (error) {
    if (error) console.warn("convstep: browser storage unavailable:", error);
    removeRunDependency("convstep-storage");
  });
});
