/* The participant page's entry (<script type="module">): see lib/app.js. */

import { start } from "./lib/app.js";
import { participantView } from "./views/participant.js";

start(participantView);
