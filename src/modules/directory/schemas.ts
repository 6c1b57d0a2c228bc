import { Type } from '@sinclair/typebox';
import { ORG_KINDS } from './org.repository.js';
import { USERNAME_PATTERN } from './staff-fields.js';

/** Request schemas shared by the directory's routes. */
export const Uuid = Type.String({ format: 'uuid', 'x-message': 'directory.validation.uuid' });
export const IdParams = Type.Object({ id: Uuid });
export const Version = Type.Integer({ minimum: 1 });
export const Paging = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
};
export const OrgKindSchema = Type.Union(ORG_KINDS.map((k) => Type.Literal(k)), { 'x-message': 'directory.validation.orgKind' });
export const OrgCode = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$', 'x-message': 'directory.org.codeFormat' });
export const RegionCodeSchema = Type.String({ pattern: '^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{3}([0-9]{3})?)?)?)?$', 'x-message': 'directory.region.codeFormat' });
export const Name = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });
export const Username = Type.String({ pattern: USERNAME_PATTERN, 'x-message': 'directory.staff.usernameFormat' });
export const Phone = Type.String({ maxLength: 20 });
export const Email = Type.String({ maxLength: 120 });
export const Nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Null()]);
