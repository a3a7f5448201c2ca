package eventloop

import (
	"github.com/rtlint/rtlint/internal/lazyre"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/analyzers/apis"
	"github.com/rtlint/rtlint/internal/semantic"
	"github.com/rtlint/rtlint/internal/source"
)

// RT106 flags synchronous database drivers on the event loop.
var RT106 = &analyzers.Analyzer{
	Code:      "RT106",
	Name:      "blocking-db-driver",
	Severity:  analyzers.Error,
	Languages: all,
	APIList:   true,
	Fixable:   true,
	Doc: &analyzers.Doc{
		Title: "Synchronous database driver on the event loop",
		WhatItDoes: "Checks for synchronous database drivers in Python `async def` functions — " +
			"`psycopg2`, `pymysql`, `sqlite3`, `mysql.connector` connections and their calls, " +
			"`pymongo.MongoClient`, sync `redis.Redis`, sync SQLAlchemy sessions and engines, " +
			"Django ORM querysets — and for `better-sqlite3` calls in JavaScript/TypeScript async " +
			"functions and handlers.",
		WhySlow: "Every query is a round trip to the database plus its execution time. A synchronous " +
			"driver holds the event loop for all of it, so the server handles one query at a time.",
		Example:    "```python\nasync def get_user(user_id):\n    conn = psycopg2.connect(DSN)\n    ...\n```",
		UseInstead: "```python\npool = await asyncpg.create_pool(DSN)  # at startup\n\nasync def get_user(user_id):\n    async with pool.acquire() as conn:\n        return await conn.fetchrow(\"SELECT ...\", user_id)\n```",
		FixSafety:  "Python: `await asyncio.to_thread(f, ...)` (safe, though an async driver is the better cure).",
	},
	Run: runRT106,
}

const asyncDriver = "an async driver (asyncpg, aiomysql, aiosqlite, motor, redis.asyncio)"

var rt106Calls = apis.New(
	apis.Entry{Family: apis.Python, Pattern: "{psycopg2,pymysql,sqlite3,mysql.connector}.connect", Use: asyncDriver},
	apis.Entry{Family: apis.Python, Pattern: "{psycopg2,pymysql,sqlite3,mysql.connector}.connect()*", Use: asyncDriver},
	apis.Entry{Family: apis.Python, Pattern: "pymongo.MongoClient", Use: "motor.motor_asyncio.AsyncIOMotorClient"},
	apis.Entry{Family: apis.Python, Pattern: "pymongo.MongoClient()*", Use: "motor.motor_asyncio.AsyncIOMotorClient"},
	apis.Entry{Family: apis.Python, Pattern: "redis.{Redis,StrictRedis,from_url}", Use: "redis.asyncio"},
	apis.Entry{Family: apis.Python, Pattern: "redis.{Redis,StrictRedis,from_url}()*", Use: "redis.asyncio"},
	apis.Entry{Family: apis.Python, Pattern: "sqlalchemy.create_engine().{connect,begin,execute,raw_connection}", Use: "sqlalchemy.ext.asyncio.create_async_engine"},
	apis.Entry{Family: apis.Python, Pattern: "{sqlalchemy.orm.Session,sqlalchemy.orm.sessionmaker()}().{execute,scalars,scalar,query,get,commit,flush,refresh,merge,delete}", Use: "sqlalchemy.ext.asyncio.AsyncSession"},
	apis.Entry{Family: apis.ECMA, Pattern: "better-sqlite3*", Use: "a worker thread or an async driver"},
)

// djangoEvaluating matches queryset calls that hit the database.
var djangoEvaluating = lazyre.New(`\.objects\.(?:[\w()]+\.)*(get|create|get_or_create|update_or_create|bulk_create|bulk_update|count|exists|first|last|latest|earliest|aggregate|update|delete|in_bulk|values_list|iterator)$`)

func runRT106(p *analyzers.Pass) {
	reportBlocking(p, rt106Calls)
	m := p.Model
	if m.Lang() != source.Python || !m.ImportsModule("django") {
		return
	}
	for i := range m.Calls {
		c := &m.Calls[i]
		if !c.Awaited && c.Context.Has(semantic.Async) && djangoEvaluating.MatchString(c.Path) {
			p.Reportf(c.Span, nil, "Django ORM query %s blocks the event loop in %s; use the async queryset API (aget(), acount(), async for) or sync_to_async()",
				m.CallName(c), m.DescribeFunc(m.Owner(c)))
		}
	}
}
