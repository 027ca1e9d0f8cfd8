/**
 * The version of the report contract (src/report/schema.ts); bump it on any change to the schema
 * (test/report/schema-version.test.ts). Its own module so writing a report does not build the zod schema.
 */
export const SCHEMA_VERSION = 3 as const;
