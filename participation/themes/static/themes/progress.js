// The progress bar of a running theme suggestion: asks the server every second
// and reloads the page when the run is finished (or failed). Without JavaScript
// the page has a refresh link.
const box = document.getElementById("run-progress");
if (box) {
  const bar = document.getElementById("run-progress-bar");
  const step = document.getElementById("run-step");
  const poll = async () => {
    try {
      const response = await fetch(box.dataset.progressUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (response.ok) {
        const state = await response.json();
        if (state.status === "done" || state.status === "failed") {
          window.location.reload();
          return;
        }
        bar.value = state.progress;
        bar.textContent = `${state.progress}%`;
        step.textContent = `${state.step} (${state.progress}%)`;
      }
    } catch (error) {
      // The network hiccuped: try again on the next tick.
    }
    window.setTimeout(poll, 1000);
  };
  window.setTimeout(poll, 1000);
}
