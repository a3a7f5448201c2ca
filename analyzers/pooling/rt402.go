package pooling

import (
	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/analyzers/apis"
)

// RT402 flags database connections opened per request or per iteration.
var RT402 = &analyzers.Analyzer{
	Code:      "RT402",
	Name:      "db-connection-per-call",
	Severity:  analyzers.Warning,
	Languages: all,
	APIList:   true,
	Fixable:   true,
	Doc: &analyzers.Doc{
		Title: "Database connection opened per request or per iteration",
		WhatItDoes: "Checks request handlers and loop bodies for new database connections: " +
			"`psycopg2/psycopg/pymysql/mysql.connector/asyncpg.connect`, `MongoClient`, `redis.Redis`, " +
			"motor clients; in JavaScript/TypeScript `new pg.Client()`, `mysql.createConnection`, " +
			"`new MongoClient`, `mongoose.connect`, `new Redis()` (ioredis), `redis.createClient` and " +
			"`new PrismaClient()`.",
		WhySlow: "Opening a connection costs a TCP (and often TLS) handshake plus authentication — " +
			"several round trips and, for PostgreSQL, a new server process. Per request, that " +
			"dominates the query, and a traffic spike exhausts the server's connection limit.",
		Example:    "```js\napp.get('/users/:id', async (req, res) => {\n  const client = new Client(config);\n  await client.connect();\n  res.json((await client.query(SQL, [req.params.id])).rows[0]);\n  await client.end();\n});\n```",
		UseInstead: "```js\nconst pool = new Pool(config);\n\napp.get('/users/:id', async (req, res) => {\n  res.json((await pool.query(SQL, [req.params.id])).rows[0]);\n});\n```",
		FixSafety:  "Unsafe. In JavaScript/TypeScript `new Client(cfg)` (pg) becomes a module-level `new Pool(cfg)` and `mysql.createConnection(cfg)` a module-level `mysql.createPool(cfg)`; pooling clients (`MongoClient`, ioredis, `PrismaClient`) move to module level unchanged. Code that calls `end()` on the connection would now close the shared pool.",
	},
	Run: func(p *analyzers.Pass) { reportHot(p, rt402Calls, "opens a new database connection", true) },
}

const usePool = "use a connection pool created once at startup and reuse it"

var rt402Calls = apis.New(
	apis.Entry{Family: apis.Python, Pattern: "{psycopg2,psycopg,pymysql,mysql.connector,asyncpg,aiomysql}.connect", Use: usePool},
	apis.Entry{Family: apis.Python, Pattern: "psycopg.{Connection,AsyncConnection}.connect", Use: "use a psycopg_pool pool created once at startup"},
	apis.Entry{Family: apis.Python, Pattern: "pymongo.MongoClient", Use: "create one MongoClient at startup and reuse it (it pools connections)"},
	apis.Entry{Family: apis.Python, Pattern: "motor.{motor_asyncio.AsyncIOMotorClient,motor_tornado.MotorClient}", Use: "create one client at startup and reuse it (it pools connections)"},
	apis.Entry{Family: apis.Python, Pattern: "redis.{Redis,StrictRedis,from_url,asyncio.Redis,asyncio.from_url}", Use: "create one client at startup and reuse it (it pools connections)"},
	apis.Entry{Family: apis.ECMA, Pattern: "pg.Client", Use: "use a pg.Pool created once at module level", When: isNew, Fix: hoistFix("pool", map[string]string{"Client": "Pool"})},
	apis.Entry{Family: apis.ECMA, Pattern: "{mysql,mysql2,mysql2/promise}.createConnection", Use: "use mysql.createPool() once at module level", Fix: hoistFix("pool", map[string]string{"createConnection": "createPool"})},
	apis.Entry{Family: apis.ECMA, Pattern: "mongodb.MongoClient", Use: "create one MongoClient at startup and reuse it (it pools connections)", When: isNew, Fix: hoistFix("mongo", nil)},
	apis.Entry{Family: apis.ECMA, Pattern: "mongodb.MongoClient.connect", Use: "create one MongoClient at startup and reuse it (it pools connections)"},
	apis.Entry{Family: apis.ECMA, Pattern: "mongoose.{connect,createConnection}", Use: "connect once at startup; mongoose pools connections"},
	apis.Entry{Family: apis.ECMA, Pattern: "{ioredis,ioredis.Redis,ioredis.default}", Use: "create one Redis client at module level and reuse it", When: isNew, Fix: hoistFix("redis", nil)},
	apis.Entry{Family: apis.ECMA, Pattern: "redis.createClient", Use: "create one client at startup and reuse it"},
	apis.Entry{Family: apis.ECMA, Pattern: "@prisma/client.PrismaClient", Use: "create one PrismaClient at module level and reuse it", When: isNew, Fix: hoistFix("prisma", nil)},
)
