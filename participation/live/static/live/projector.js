/* The projector page's entry (<script type="module">): see lib/app.js. */

import { start } from "./lib/app.js";
import { projectorView } from "./views/projector.js";

start(projectorView);
