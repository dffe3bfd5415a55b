// `npm run bench`: figures and ratios (printed, never asserted).
import { databaseFigures } from "./bench/database";

await databaseFigures();
