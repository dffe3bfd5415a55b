// `npm run bench`: figures and ratios, printed and never asserted.
import { databaseFigures } from "./bench/database";

await databaseFigures();
