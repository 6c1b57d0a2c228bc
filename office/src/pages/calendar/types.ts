export interface CalendarDay {
  day: string;
  kind: 'rest' | 'work';
  name: string;
}

export interface CalendarStatus {
  today: string;
  knownYears: number[];
  currentYearKnown: boolean;
  nextYearKnown: boolean;
  warnNextYear: boolean;
  regional: { year: number; region_code: string; source: string; note: string }[];
}
