/**
 * Text colours for status tones that keep 4.5:1 contrast. The light-theme accent tokens
 * (#EF4444, #F59E0B, #10B981, and #6B4FFF on a tinted fill) are too light for small text, so in
 * light mode the text is the token mixed with black; dark mode uses the token as is.
 * Fills, borders and icons use the plain tokens.
 */
export const toneText = {
  error: "text-[color-mix(in_srgb,var(--error)_72%,black)] dark:text-error",
  warning: "text-[color-mix(in_srgb,var(--warning)_52%,black)] dark:text-warning",
  success: "text-[color-mix(in_srgb,var(--success)_60%,black)] dark:text-success",
  brand: "text-[color-mix(in_srgb,var(--brand-primary)_80%,black)] dark:text-brand-primary",
  /** Brand-coloured text on a brand or status tint (chips, links in alerts): lighter in dark mode. */
  brandOnTint:
    "text-[color-mix(in_srgb,var(--brand-primary)_80%,black)] dark:text-[color-mix(in_srgb,var(--brand-primary)_70%,white)]",
} as const;
