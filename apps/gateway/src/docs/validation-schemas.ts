import type { SchemaObject as OpenApiSchema } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type Ctor = new (...args: never[]) => unknown;
type SchemaObject = OpenApiSchema & { $ref?: string; items?: SchemaObject };

/** class-transformer keeps `@Type` targets in a storage it does not export from its main entry. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: {
    findTypeMetadata(target: Ctor, property: string): { typeFunction(): unknown } | undefined;
  };
};

/** What one class-validator constraint says of a value, as JSON Schema. */
function constraintSchema(meta: ValidationMetadata): SchemaObject {
  const [first] = (meta.constraints ?? []) as unknown[];
  switch (meta.name ?? '') {
    case 'isString':
      return { type: 'string' };
    case 'matches':
      return { type: 'string', pattern: (first as RegExp).source };
    case 'maxLength':
      return { maxLength: first as number };
    case 'minLength':
      return { minLength: first as number };
    case 'isInt':
      return { type: 'integer' };
    case 'min':
      return { minimum: first as number };
    case 'max':
      return { maximum: first as number };
    case 'isIn':
      return { enum: [...(first as unknown[])] };
    case 'isEmail':
      return { type: 'string', format: 'email' };
    case 'isUUID':
      return { type: 'string', format: 'uuid' };
    case 'isISO8601':
      return { type: 'string', format: 'date-time' };
    case 'isBoolean':
      return { type: 'boolean' };
    case 'isCurrency':
      return { type: 'string', pattern: '^[A-Z]{3}$' };
    case 'minorUnits':
      return { type: 'string', pattern: '^-?[0-9]{1,19}$', description: 'minor units' };
    default:
      return {};
  }
}

/**
 * A JSON Schema of a body class from its class-validator decorators, so the shared contract classes
 * (which carry no Swagger decorators) are described by the very rules that validate them. Nested classes
 * are added to `schemas` under their names.
 */
export function schemaOfClass(cls: Ctor, schemas: Record<string, SchemaObject>): SchemaObject {
  const metas = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  const properties: Record<string, SchemaObject> = {};
  const optional = new Set<string>();
  for (const meta of metas) {
    const name = meta.propertyName;
    let target = properties[name] ?? {};
    if (meta.type === 'conditionalValidation') optional.add(name);
    if (
      meta.name === 'isArray' ||
      meta.name === 'arrayMinSize' ||
      meta.name === 'arrayMaxSize' ||
      meta.each
    ) {
      target = { ...target, type: 'array', items: target.items ?? {} };
      if (meta.name === 'arrayMinSize') target.minItems = meta.constraints[0] as number;
      if (meta.name === 'arrayMaxSize') target.maxItems = meta.constraints[0] as number;
    }
    const piece = meta.type === 'nestedValidation' ? nested(cls, name, schemas) : constraintSchema(meta);
    if (target.type === 'array' && (meta.each || meta.type === 'nestedValidation')) {
      target.items = { ...target.items, ...piece };
    } else if (target.type !== 'array' || meta.name !== 'isArray') {
      target = { ...target, ...piece, ...(target.type === 'array' ? { type: 'array' } : {}) };
    }
    properties[name] = target;
  }
  const required = Object.keys(properties).filter((name) => !optional.has(name));
  return {
    type: 'object',
    additionalProperties: false,
    properties,
    ...(required.length ? { required } : {}),
  };
}

function nested(cls: Ctor, property: string, schemas: Record<string, SchemaObject>): SchemaObject {
  const typed = defaultMetadataStorage.findTypeMetadata(cls, property);
  const inner = typed?.typeFunction() as Ctor | undefined;
  if (!inner) return { type: 'object' };
  if (!schemas[inner.name]) {
    schemas[inner.name] = { type: 'object' };
    schemas[inner.name] = schemaOfClass(inner, schemas);
  }
  return { $ref: `#/components/schemas/${inner.name}` };
}
