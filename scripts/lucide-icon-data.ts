import { type IconNode, maskIcons } from "../components/ui/icon-masks.ts";

/** The installed lucide-react's data for every icon components/ui/icon-masks.ts lists. */
export async function lucideIconData(): Promise<Record<string, IconNode>> {
  const names = [...new Set(Object.values(maskIcons).map((icon) => icon.lucide))];
  const entries = await Promise.all(
    names.map(async (name) => {
      const module = (await import(`lucide-react/icons/${name}`)) as { __iconData: { node: IconNode } };
      return [name, module.__iconData.node] as const;
    }),
  );
  return Object.fromEntries(entries);
}
