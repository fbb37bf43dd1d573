// Each e2e project runs on one engine (jest.config.js, `globals.XS_TEST_ENGINE`); test-db.ts reads it as TEST_DB.
process.env.TEST_DB = globalThis.XS_TEST_ENGINE;
