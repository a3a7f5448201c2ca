// A Prisma client generated into the project and imported by path is
// @prisma/client: a new one per request opens a new connection pool.
import express from 'express';
import { PrismaClient } from '../generated/prisma';
import { PrismaClient as TenantClient } from '@/lib/tenant-db';
import { Client } from './generated/prisma/client';

const { PrismaClient: Dot } = require('.prisma/client');

const app = express();

app.get('/users', async (req, res) => {
  const prisma = new PrismaClient(); // want RT402 "PrismaClient"
  res.json(await prisma.user.findMany());
});

app.get('/tenants', async (req, res) => {
  const db = new TenantClient(); // want RT402
  const legacy = new Dot(); // want RT402
  const other = new Client(); // not Prisma's class
  res.json([await db.tenant.findMany(), legacy, other]);
});
