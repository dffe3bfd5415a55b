// Writes app/icon-masks.css: the icons of components/ui/icon-masks.ts as CSS masks, from the
// installed lucide-react's icon data. Run it after adding an icon there or upgrading lucide-react:
//
//   npm run icon-masks
//
// (components/ui/icon-masks.test.ts fails while the committed file is out of date.)

import { writeFileSync } from "node:fs";
import path from "node:path";
import { iconMasksCss } from "../components/ui/icon-masks.ts";
import { lucideIconData } from "./lucide-icon-data.ts";

const file = path.join(import.meta.dirname, "..", "app", "icon-masks.css");
writeFileSync(file, iconMasksCss(await lucideIconData()));
console.log(`wrote ${path.relative(process.cwd(), file)}`);
