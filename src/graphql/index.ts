import './types/article-filter.js';
import './types/article.js';
import './types/actor.js';
import './types/conflict.js';
import './types/article-links.js';
import './types/coverage.js';
import './types/parties.js';
import './types/co-actors.js';
import './types/ingest.js';
import './types/unlinked.js';
import { builder } from './builder.js';

export const schema = builder.toSchema({ sortSchema: true });
