import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);
import"./chunk-Q3VVTUYN.js";import"./chunk-6G7CKFX6.js";var a={async configure({endpoint:e,token:t}){return{TWINE_REPOSITORY_URL:e,TWINE_USERNAME:"aws",TWINE_PASSWORD:t}}};export{a as twine};
