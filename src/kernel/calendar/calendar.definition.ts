import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { ModuleDefinition } from '../module.js';
import { anyone, definePolicies, permittedAtRoot } from '../auth/policy.js';
import { actorOf, auditFrom } from '../http/request-context.js';
import { badRequest, fieldError, type FieldError } from '../http/errors.js';
import { isIsoDate } from './dates.js';
import { calendarMessages } from './calendar.messages.js';
import type { Kernel } from '../kernel.js';

export const calendarPolicies = definePolicies('calendar', {
  deadline: anyone(),
  status: anyone(),
  readYear: anyone(),
  // The schedule counts for every department's deadlines: only an administrator of the whole tree sets it.
  setYear: permittedAtRoot('calendar.manage'),
});

const DateString = Type.String({ format: 'date', 'x-message': 'validation.date' });
// GB/T 2260 as the directory writes it (2, 4, 6 digits; 9 and 12 below county level); stored padded to 6.
const RegionCode = Type.String({ pattern: '^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{3}([0-9]{3})?)?)?)?$', 'x-message': 'calendar.region.format' });

async function routes(app: FastifyInstance, kernel: Kernel) {
  app.get('/api/calendar/deadline', {
    config: { policy: calendarPolicies.deadline },
    schema: {
      tags: ['calendar'], summary: 'Compute a statutory deadline (法定期限计算)',
      querystring: Type.Object({
        from: DateString,
        days: Type.Integer({ minimum: 0, maximum: 3650 }),
        unit: Type.Union([Type.Literal('working'), Type.Literal('calendar')], { 'x-message': 'calendar.unit' }),
        region: Type.Optional(RegionCode),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ from: Type.String(), days: Type.Integer(), unit: Type.String(), deadline: Type.String(), provisional: Type.Boolean(), unknownYears: Type.Array(Type.Integer()) }) },
    },
  }, async (req) => {
    const q = req.query as { from: string; days: number; unit: 'working' | 'calendar'; region?: string };
    if (!isIsoDate(q.from)) throw fieldError('from', 'validation.date');
    const r = await kernel.calendar.deadline(q.from, q.days, q.unit, q.region);
    return { from: q.from, days: q.days, unit: q.unit, ...r };
  });

  app.get('/api/calendar/status', {
    config: { policy: calendarPolicies.status },
    schema: { tags: ['calendar'], summary: 'Years with an official holiday schedule' },
  }, async () => kernel.calendar.status());

  app.get('/api/calendar/years/:year', {
    config: { policy: calendarPolicies.readYear },
    schema: {
      tags: ['calendar'], summary: "A year's holidays and make-up working days",
      params: Type.Object({ year: Type.Integer({ minimum: 1990, maximum: 2100 }) }),
      querystring: Type.Object({ region: Type.Optional(RegionCode) }, { additionalProperties: false }),
    },
  }, async (req) => {
    const { year } = req.params as { year: number };
    const region = (req.query as { region?: string }).region ?? '';
    return { year, region, days: await kernel.calendar.yearSchedule(year, region) };
  });

  app.put('/api/calendar/years/:year', {
    config: { policy: calendarPolicies.setYear },
    schema: {
      tags: ['calendar'], summary: "Enter a year's official schedule, or a region's local holidays",
      params: Type.Object({ year: Type.Integer({ minimum: 1990, maximum: 2100 }) }),
      body: Type.Object({
        region: Type.Optional(Type.Union([RegionCode, Type.Literal('')])),
        note: Type.Optional(Type.String({ maxLength: 500 })),
        days: Type.Array(Type.Object({
          day: DateString,
          kind: Type.Union([Type.Literal('rest'), Type.Literal('work')], { 'x-message': 'calendar.kind' }),
          name: Type.String({ minLength: 1, maxLength: 50 }),
        }, { additionalProperties: false }), { maxItems: 366 }),
      }, { additionalProperties: false }),
    },
  }, async (req) => {
    const actor = actorOf(req);
    const { year } = req.params as { year: number };
    const body = req.body as { region?: string; note?: string; days: { day: string; kind: 'rest' | 'work'; name: string }[] };
    const region = body.region ?? '';
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    body.days.forEach((d, i) => {
      if (!isIsoDate(d.day) || Number(d.day.slice(0, 4)) !== year) errors.push({ field: `days.${i}.day`, key: 'calendar.day.notInYear', params: { year } });
      else if (seen.has(d.day)) errors.push({ field: `days.${i}.day`, key: 'calendar.day.duplicate' });
      seen.add(d.day);
    });
    // Every official year has holidays: an empty national schedule would mark the year as known and
    // silently count it as ordinary weeks, the very thing the provisional mark exists to prevent.
    if (!region && !body.days.some((d) => d.kind === 'rest')) errors.push({ field: 'days', key: 'calendar.days.noHolidays', params: { year } });
    if (errors.length) throw badRequest('error.validation', errors);
    await kernel.db.tx(async (tx) => {
      await kernel.calendar.setYear(tx, year, region, body.days, body.note ?? '', actor.accountId);
      await kernel.audit.record(tx, { ...auditFrom(req), action: 'calendar.year.set', targetType: 'calendarYear', targetId: `${year}/${region || 'national'}`, details: { days: body.days.length } });
    });
    return { year, region, days: await kernel.calendar.yearSchedule(year, region) };
  });
}

export const calendarDefinition: ModuleDefinition = {
  name: 'calendar',
  messages: calendarMessages,
  permissions: [{ code: 'calendar.manage', domain: 'system', label: { 'zh-CN': '维护节假日安排', en: 'Maintain the holiday schedule' } }],
  routes,
};
