import { runPost } from '../post.js'

// The post step never throws: every problem is reported as a warning inside runPost.
void runPost()
