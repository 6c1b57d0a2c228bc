/**
 * Region code rules (GB/T 2260 and the statistical division code below the county): the length gives
 * the level, and the leading digits are the parent's code, so a code alone says where it belongs.
 */
export type RegionLevel = 1 | 2 | 3 | 4 | 5;

const LENGTHS = [2, 4, 6, 9, 12] as const;

/** The level of a well-formed code, or null. A level's own digits may not be all zeros (990100 is the prefecture, not a county). */
export function regionLevel(code: string): RegionLevel | null {
  if (!/^[0-9]+$/.test(code)) return null;
  const index = LENGTHS.indexOf(code.length as (typeof LENGTHS)[number]);
  if (index < 0) return null;
  const own = code.slice(index === 0 ? 0 : LENGTHS[index - 1]);
  if (/^0+$/.test(own)) return null;
  return (index + 1) as RegionLevel;
}

/** The code of the parent region (null for a province); assumes a well-formed code. */
export function parentRegionCode(code: string): string | null {
  const level = regionLevel(code);
  if (!level || level === 1) return null;
  return code.slice(0, LENGTHS[level - 2]);
}

/**
 * Checks a new region's code against the parent the user named. Returns the message key of the
 * first problem, or null when the code is consistent.
 */
export function regionCodeProblem(code: string, parentCode: string | null | undefined): { field: 'code' | 'parentCode'; key: string } | null {
  const level = regionLevel(code);
  if (!level) return { field: 'code', key: 'directory.region.codeFormat' };
  const expected = parentRegionCode(code);
  if (parentCode === undefined) return null;
  if ((parentCode ?? null) !== expected) {
    return { field: 'parentCode', key: expected ? 'directory.region.parentMismatch' : 'directory.region.provinceHasNoParent' };
  }
  return null;
}

/** Region codes from the town up (990121001001 → 990121001, 990121, 9901, 99). */
export function regionAncestors(code: string): string[] {
  const out: string[] = [];
  for (let c = parentRegionCode(code); c; c = parentRegionCode(c)) out.push(c);
  return out;
}
