/**
 * Where a visitor met a survey (wire contract v1, `context.channel`; decisions/0012): `web` inside a page that runs
 * the widget, `link` on a hosted survey page opened from a (personal) link, `email` from a score clicked in an
 * e-mail, `qr` from a printed QR code at a physical touchpoint.
 *
 * The field is optional and means `web` when absent: every collector before it sent web events only, so an older
 * collector's events read as `web`, and a web event leaves the field out so an older server (which refuses unknown
 * fields) still accepts it.
 */
export const CHANNELS = ['web', 'link', 'email', 'qr'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The channel of an event that does not name one. */
export const DEFAULT_CHANNEL: Channel = 'web';

/** The channel of an event's context: the one it names, or `web`. */
export const channelOf = (context: { readonly channel?: Channel | undefined }): Channel =>
  context.channel ?? DEFAULT_CHANNEL;
