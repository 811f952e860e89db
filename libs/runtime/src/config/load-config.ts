import { Expose, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads a config class from the environment once, at boot. Properties map to variables with
 * `@Env('VAR')`; property initializers are the defaults. Throws listing every problem.
 */
export function loadConfig<T extends object>(cls: new () => T, env: NodeJS.ProcessEnv): T {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(cls, present, { excludeExtraneousValues: true, exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map(
        (e) => `${envName(cls, e.property)}: ${Object.values(e.constraints ?? {}).join('; ') || 'invalid'}`,
      ),
    );
  }
  return config;
}

const envNames = new WeakMap<object, Map<string, string>>();

/** A setting read from the environment variable `name` (the property initializer is its default). */
export function Env(name: string): PropertyDecorator {
  const expose = Expose({ name });
  return (target: object, property: string | symbol) => {
    expose(target, property);
    const names = envNames.get(target) ?? new Map<string, string>();
    names.set(String(property), name);
    envNames.set(target, names);
  };
}

/** The environment variable behind a config property (`amqpPrefetch` is read from `AMQP_PREFETCH`). */
function envName(cls: new () => object, property: string): string {
  for (
    let proto: object | null = cls.prototype as object;
    proto;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    const name = envNames.get(proto)?.get(property);
    if (name) return name;
  }
  return property;
}
