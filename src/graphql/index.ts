import './types/article-filter.js';
import './types/article.js';
import './types/actor.js';
import './types/conflict.js';
import './types/article-links.js';
import './types/coverage.js';
import './types/parties.js';
import './types/co-actors.js';
import './types/timeline.js';
import './types/facets.js';
import './types/network.js';
import './types/ingest.js';
import './types/unlinked.js';
import './types/roles.js';
import './types/related.js';
import './types/suggest.js';
import { builder } from './builder.js';

export const schema = builder.toSchema({ sortSchema: true });
