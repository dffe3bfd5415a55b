"use client";

import { useTranslations } from "next-intl";
import { SegmentedControl, type SegmentedOption } from "@/components/ui/segmented-control";
import type { ModelInputs, VideoSettings } from "@/lib/contracts/catalog";
import { adjustableSettings } from "./settings";
import type { CreateWords } from "./words";

type Props = {
  inputs: ModelInputs;
  /** Width ÷ height of each aspect ratio, null for "auto" (from the server). */
  ratios: Record<string, number | null>;
  value: VideoSettings;
  onChange: (next: VideoSettings) => void;
  disabled?: boolean;
  words: CreateWords;
};

/** One segmented control per setting the model lets you choose; fixed ones listed as facts. */
export function SettingsPanel({ inputs, ratios, value, onChange, disabled, words }: Props) {
  const t = useTranslations("create.settings");
  const seconds = (count: number) => words.seconds[count] ?? t("seconds", { seconds: count });
  const adjustable = adjustableSettings(inputs);
  const followsImage = inputs.image === "required";

  const resolutionLabel = (r: string) => (r === "auto" ? t("auto") : r);
  const aspectLabel = (a: string) => (a === "auto" ? t("auto") : a);
  const aspectDetail = (a: string) => {
    const ratio = ratios[a] ?? null;
    if (ratio === null) return a === "auto" && followsImage ? t("matchImage") : undefined;
    return ratio > 1 ? t("landscape") : ratio < 1 ? t("portrait") : t("square");
  };
  const soundLabel =
    inputs.audio === "always" ? t("soundIncluded") : inputs.audio === "never" ? t("soundNone") : undefined;

  const facts: { label: string; value: string }[] = [];
  if (!adjustable.duration) facts.push({ label: t("duration"), value: seconds(value.durationSeconds) });
  if (!adjustable.resolution)
    facts.push({ label: t("resolution"), value: resolutionLabel(value.resolution) });
  if (!adjustable.aspectRatio) {
    const fixed = value.aspectRatio;
    const detail = aspectDetail(fixed);
    facts.push({ label: t("aspectRatio"), value: detail && fixed === "auto" ? detail : aspectLabel(fixed) });
  }
  if (soundLabel) facts.push({ label: t("sound"), value: soundLabel });

  return (
    <section
      aria-labelledby="settings-title"
      className="flex flex-col gap-4 rounded-card bg-surface-card/60 p-4 ring-1 ring-border-default ring-inset"
    >
      <h2 id="settings-title" className="text-headline font-semibold">
        {t("title")}
      </h2>

      {adjustable.duration ? (
        <SegmentedControl
          legend={t("duration")}
          disabled={disabled}
          value={value.durationSeconds}
          onChange={(durationSeconds) => onChange({ ...value, durationSeconds })}
          options={inputs.durations.map<SegmentedOption<number>>((d) => ({
            value: d,
            label: seconds(d),
          }))}
        />
      ) : null}

      {adjustable.resolution ? (
        <SegmentedControl
          legend={t("resolution")}
          disabled={disabled}
          value={value.resolution}
          onChange={(resolution) => onChange({ ...value, resolution })}
          options={inputs.resolutions.map<SegmentedOption<string>>((r) => ({
            value: r,
            label: resolutionLabel(r),
          }))}
        />
      ) : null}

      {adjustable.aspectRatio ? (
        <SegmentedControl
          legend={t("aspectRatio")}
          disabled={disabled}
          value={value.aspectRatio}
          onChange={(aspectRatio) => onChange({ ...value, aspectRatio })}
          options={inputs.aspectRatios.map<SegmentedOption<string>>((a) => ({
            value: a,
            label: aspectLabel(a),
            detail: aspectDetail(a),
            icon: <RatioGlyph ratio={ratios[a] ?? null} />,
          }))}
        />
      ) : null}

      {adjustable.audio ? (
        <SegmentedControl
          legend={t("sound")}
          disabled={disabled}
          value={value.audio}
          onChange={(audio) => onChange({ ...value, audio })}
          options={[
            { value: true, label: t("soundOn") },
            { value: false, label: t("soundOff") },
          ]}
        />
      ) : null}

      {facts.length > 0 ? (
        <dl className="flex flex-col gap-2 border-t border-border-default pt-4 text-subheadline">
          {facts.map((fact) => (
            <div key={fact.label} className="flex items-baseline justify-between gap-3">
              <dt className="text-text-secondary">{fact.label}</dt>
              <dd className="font-medium tabular-nums">{fact.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </section>
  );
}

/** A tiny outline of the frame shape (decorative). */
function RatioGlyph({ ratio }: { ratio: number | null }) {
  if (ratio === null) return null;
  const w = ratio >= 1 ? 14 : Math.round(14 * ratio);
  const h = ratio >= 1 ? Math.round(14 / ratio) : 14;
  return (
    <span aria-hidden="true" className="flex size-4 items-center justify-center">
      <span className="rounded-[2px] border-[1.5px] border-current" style={{ width: w, height: h }} />
    </span>
  );
}
