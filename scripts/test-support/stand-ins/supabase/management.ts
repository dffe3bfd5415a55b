import { json, jsonBody, type StandInRequest, type StandInResponse } from "./http";

/**
 * The Management API's project auth config, `GET|PATCH /v1/projects/{ref}/config/auth` with
 * `Authorization: Bearer <personal access token>`, field names as the API has them. The same
 * object drives the stand-in's GoTrue (anonymous sign-ins, autoconfirm, OTP length and expiry,
 * manual linking, CAPTCHA, Sb-Forwarded-For, access token lifetime, refresh token reuse interval,
 * site URL and redirect allow list), so a deploy check reads what the auth server does.
 */
export type AuthConfig = Record<string, unknown> & {
  site_url: string;
  /** Comma-separated redirect URL patterns (`*` within a path segment, `**` across). */
  uri_allow_list: string;
  disable_signup: boolean;
  external_email_enabled: boolean;
  external_anonymous_users_enabled: boolean;
  external_apple_enabled: boolean;
  mailer_autoconfirm: boolean;
  mailer_otp_length: number;
  mailer_otp_exp: number;
  security_captcha_enabled: boolean;
  security_manual_linking_enabled: boolean;
  security_sb_forwarded_for_enabled: boolean;
  security_refresh_token_reuse_interval: number;
  jwt_exp: number;
};

/** A project set up as docs/deploy.md asks (CAPTCHA aside: it follows the stand-in's option). */
export function completeAuthConfig(siteUrl: string): AuthConfig {
  return {
    site_url: siteUrl,
    uri_allow_list: `${siteUrl}/**`,
    disable_signup: false,
    external_email_enabled: true,
    external_anonymous_users_enabled: true,
    external_apple_enabled: true,
    external_apple_client_id: "com.example.rendio.web",
    external_apple_secret: "hidden",
    mailer_autoconfirm: false,
    mailer_secure_email_change_enabled: true,
    mailer_otp_length: 6,
    mailer_otp_exp: 600,
    mailer_subjects_magic_link: "Your sign-in code",
    mailer_templates_magic_link_content: "<p>Your code is {{ .Token }}</p>",
    mailer_subjects_confirmation: "Your sign-in code",
    mailer_templates_confirmation_content: "<p>Your code is {{ .Token }}</p>",
    mailer_subjects_email_change: "Confirm your email",
    mailer_templates_email_change_content: "<p>Your code is {{ .Token }}</p>",
    smtp_host: "smtp.example.com",
    smtp_port: "587",
    smtp_user: "rendio",
    smtp_admin_email: "no-reply@example.com",
    smtp_sender_name: "Rendio",
    smtp_max_frequency: 30,
    security_captcha_enabled: false,
    security_captcha_provider: "turnstile",
    security_manual_linking_enabled: true,
    security_sb_forwarded_for_enabled: true,
    security_refresh_token_reuse_interval: 10,
    refresh_token_rotation_enabled: true,
    jwt_exp: 3600,
    rate_limit_anonymous_users: 30,
    rate_limit_otp: 30,
    rate_limit_verify: 30,
    rate_limit_token_refresh: 150,
    rate_limit_email_sent: 30,
  };
}

export function answerManagement(
  request: StandInRequest,
  options: { projectRef: string; accessToken: string; config: AuthConfig },
): StandInResponse {
  const match = /^\/v1\/projects\/([^/]+)\/config\/auth\/?$/.exec(request.url.pathname);
  if (!match) return json(404, { message: "Not Found" });
  if (request.headers.get("authorization") !== `Bearer ${options.accessToken}`) {
    return json(401, { message: "Unauthorized" });
  }
  if (match[1] !== options.projectRef) return json(404, { message: "Project not found" });
  if (request.method === "GET") return json(200, options.config);
  if (request.method === "PATCH") {
    Object.assign(options.config, jsonBody(request) ?? {});
    return json(200, options.config);
  }
  return json(405, { message: "Method Not Allowed" });
}
