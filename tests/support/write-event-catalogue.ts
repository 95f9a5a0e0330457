/** `npm run docs:events`: writes docs/events.md from the code's event catalogue. */
import fs from 'node:fs';
import path from 'node:path';
import { renderEventCatalogue } from '../../application/event-catalogue';

fs.writeFileSync(path.resolve(__dirname, '..', '..', 'docs', 'events.md'), renderEventCatalogue());
process.stdout.write('written docs/events.md\n');
