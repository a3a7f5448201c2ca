import { execSync } from 'node:child_process';
import { Controller, Get } from '@nestjs/common';

@Controller('build')
export class BuildController {
  @Get()
  status() {
    return execSync('make -q'); // want RT104 "controller method BuildController.status\(\)"
  }

  helper() {
    return execSync('true');
  }
}
