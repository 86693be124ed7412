/* The moderator page's entry (<script type="module">): see lib/app.js. */

import { start } from "./lib/app.js";
import { moderatorView } from "./views/moderator.js";

start(moderatorView);
