import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);
import"./chunk-6G7CKFX6.js";var e={configure:async()=>({})};export{e as generic};
