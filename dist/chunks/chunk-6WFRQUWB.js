import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);
async function i(r,l="each"){let o=await Promise.allSettled(r),t=o.flatMap(e=>e.status==="rejected"?[e.reason]:[]);if(t.length>0){let e=t.map(a=>a instanceof Error?a.message:String(a)),s=[...new Set(e)],n=s.length-1,c=l==="each"||n===0?s.join(`
`):`${s[0]} (${n} more call${n>1?"s":""} failed too)`;throw new Error(c,{cause:t[0]})}return o.map(e=>e.value)}export{i as a};
