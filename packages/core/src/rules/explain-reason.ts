/**
 * The words for a rule's finding, for debug views and tools ("why didn't my survey show?"). Kept apart from the
 * rules, so a browser that only decides never ships these sentences (the widget loads them in debug mode).
 */
import { DAY_MS } from './fatigue';
import type { Finding } from './reason';
import { describeOccurrence, describeTrigger } from './trigger-match';
import { describeUrlRule } from './url-match';

function ago(ms: number): string {
  const at = Math.max(0, ms);
  if (at < 60_000) return `${Math.round(at / 1000)} s ago`;
  if (at < 3_600_000) return `${Math.round(at / 60_000)} min ago`;
  if (at < DAY_MS) return `${Math.round(at / 3_600_000)} h ago`;
  return `${Math.round(at / DAY_MS)} days ago`;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const list = (items: readonly string[]) => items.join(', ');

/**
 * A finding in words, e.g. `device desktop is not targeted (only mobile)`.
 *
 * @example
 * for (const reason of decision.reasons) console.log(`${reason.pass ? '✓' : '✗'} ${reason.rule}: ${explainReason(reason)}`);
 */
export function explainReason(finding: Finding): string {
  switch (finding.code) {
    case 'enabled':
      return 'survey is enabled';
    case 'disabled':
      return 'survey is disabled in the config';
    case 'no-schedule':
      return 'no schedule';
    case 'within-schedule':
      return 'within its schedule';
    case 'not-started':
      return `scheduled to start at ${finding.facts.start}`;
    case 'ended':
      return `schedule ended at ${finding.facts.end}`;
    case 'fires': {
      const { occurrence, trigger } = finding.facts;
      return `${describeOccurrence(occurrence)} fires its trigger ${describeTrigger(trigger)}`;
    }
    case 'fires-none': {
      const { occurrence, triggers } = finding.facts;
      return `${describeOccurrence(occurrence)} does not fire any of its triggers (${triggers.map(describeTrigger).join('; ')})`;
    }
    case 'no-url-rules':
      return `page ${finding.facts.path}: no URL rules, every page counts`;
    case 'url-excluded':
      return `page ${finding.facts.path} is excluded by ${describeUrlRule(finding.facts.rule)}`;
    case 'url-matches':
      return `page ${finding.facts.path} matches ${describeUrlRule(finding.facts.rule)}`;
    case 'url-matches-none':
      return `page ${finding.facts.path} matches none of: ${finding.facts.rules.map(describeUrlRule).join('; ')}`;
    case 'sample-everyone':
      return 'every visitor is sampled (100%)';
    case 'in-sample':
      return `visitor is in the ${finding.facts.sampleRate}% sample (bucket ${finding.facts.bucket.toFixed(2)})`;
    case 'out-of-sample':
      return `visitor is outside the ${finding.facts.sampleRate}% sample (bucket ${finding.facts.bucket.toFixed(2)}; sticky)`;
    case 'any-device':
      return `any device (this is ${finding.facts.device})`;
    case 'device-targeted':
      return `device ${finding.facts.device} is targeted`;
    case 'device-not-targeted':
      return `device ${finding.facts.device} is not targeted (only ${list(finding.facts.devices)})`;
    case 'any-locale':
      return `any locale (this is ${finding.facts.locale})`;
    case 'locale-matches':
      return `locale ${finding.facts.locale} matches ${finding.facts.match}`;
    case 'locale-not-targeted':
      return `locale ${finding.facts.locale} is not targeted (only ${list(finding.facts.locales)})`;
    case 'any-visitor':
      return `new and returning visitors (this one is ${finding.facts.kind})`;
    case 'visitor-targeted':
      return `${finding.facts.kind} visitors are targeted`;
    case 'visitor-not-targeted':
      return `only ${finding.facts.visitors} visitors are targeted; this one is ${finding.facts.kind}`;
    case 'no-conditions':
      return 'no attribute conditions';
    case 'conditions-hold':
      return `all ${finding.facts.count} attribute condition(s) hold`;
    case 'condition-fails': {
      const { condition, actual } = finding.facts;
      const wanted = condition.value === undefined ? '' : ` ${JSON.stringify(condition.value)}`;
      const has = actual === undefined ? 'is not set' : `is ${JSON.stringify(actual)}`;
      return `attribute "${condition.key}" ${has}; wanted ${condition.op}${wanted}`;
    }
    case 'not-answered':
      return 'not answered yet (asked until answered)';
    case 'answered-before':
      return `already answered ${ago(finding.facts.agoMs)}; asked only until answered`;
    case 'displays-left':
      return `shown ${finding.facts.shown} of at most ${finding.facts.max} times`;
    case 'displays-used':
      return `already shown ${finding.facts.shown} times; at most ${finding.facts.max}`;
    case 'never-shown':
      return 'never shown to this visitor';
    case 'recontact-passed':
      return `last shown ${ago(finding.facts.agoMs)}; recontact window of ${finding.facts.days} days has passed`;
    case 'recontact-waiting':
      return `shown ${ago(finding.facts.agoMs)}; may show again after ${finding.facts.days} days (from ${isoDay(finding.facts.from)})`;
    case 'no-cooldown':
      return 'no global cooldown';
    case 'none-shown-before':
      return 'no survey shown before';
    case 'cooldown-passed':
      return `last survey shown ${ago(finding.facts.agoMs)}; global cooldown of ${finding.facts.days} days has passed`;
    case 'cooldown-waiting': {
      const { surveyId, agoMs, days, until } = finding.facts;
      return `survey "${surveyId}" was shown ${ago(agoMs)}; global cooldown of ${days} days lasts until ${isoDay(until)}`;
    }
    case 'session-room':
      return `${finding.facts.shown} of at most ${finding.facts.cap} survey(s) shown this session`;
    case 'session-full':
      return `${finding.facts.shown} survey(s) already shown this session; the cap is ${finding.facts.cap}`;
    case 'only-eligible':
      return 'the only eligible survey';
    case 'wins':
      return `wins over ${finding.facts.others} other eligible survey(s) (priority ${finding.facts.priority})`;
    case 'loses': {
      const { winner, winnerPriority, priority } = finding.facts;
      return `"${winner}" shows instead (priority ${winnerPriority} vs ${priority}; one survey at a time)`;
    }
  }
}
