import { Controller, Get } from '@nestjs/common'
import { DataManager, SharedPool } from './data-manager'

@Controller('data')
export class DataController {
  // NestJS handler constructing a class whose constructor builds a pg Pool
  @Get()
  async list() {
    const dm = new DataManager()
    return dm.pool.query('select 1')
  }
}

// negative for RT403: an async startup function builds the pool once
export async function bootstrap() {
  return new SharedPool()
}
