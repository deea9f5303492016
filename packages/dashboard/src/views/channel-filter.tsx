/**
 * The channel filter of the filter bar: all channels, or only the answers given on a web page, through a personal
 * link, from an e-mail or by QR code (decisions/0012). Its value is the draft's; the bar applies it with the rest.
 */
import { CHANNELS, type Channel } from '@touchpoint/core';
import { useDashboard } from '../dashboard-context';

/** The channel a select's value names, or undefined for all channels (the empty value) and anything unknown. */
export const channelOfValue = (value: string): Channel | undefined =>
  (CHANNELS as readonly string[]).includes(value) ? (value as Channel) : undefined;

export interface ChannelFilterProps {
  /** A channel, or '' for all channels. */
  readonly value: string;
  readonly onChange: (value: string) => void;
}

export function ChannelFilter({ value, onChange }: ChannelFilterProps) {
  const { t } = useDashboard();
  return (
    <div class="field">
      <label for="filter-channel">{t.filterChannel}</label>
      <select id="filter-channel" value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        <option value="">{t.filterAnyChannel}</option>
        {CHANNELS.map((channel) => (
          <option key={channel} value={channel}>
            {t.channels[channel]}
          </option>
        ))}
      </select>
    </div>
  );
}
