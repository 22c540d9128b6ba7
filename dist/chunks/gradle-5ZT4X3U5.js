import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);
import{a as m,b as E}from"./chunk-DMVSOI4U.js";import{g as u}from"./chunk-PIMBOYPB.js";import{b as h}from"./chunk-262LI3P7.js";import"./chunk-Q3VVTUYN.js";import"./chunk-LEQBMACF.js";import{a as l,d as g}from"./chunk-NV4FPQBI.js";import"./chunk-6G7CKFX6.js";var n="CODEARTIFACT_GRADLE_REPOSITORIES",y="registry-auth.gradle",T=`// Written by registry-auth for this job and removed by its post step. It holds no secret: the
// CodeArtifact repositories come from ${n} ("name,endpoint,TOKEN_VARIABLE,keep|replace"
// each) and their tokens from those variables.
def codeartifact = (System.getenv('${n}') ?: '').tokenize(' ').collect { entry ->
    def fields = entry.tokenize(',')
    [name: fields[0], url: fields[1], variable: fields[2], replace: fields[3] == 'replace']
}
def trimmed = { url -> url.toString().replaceAll('/+$', '') }
// A repository is CodeArtifact's when its URL is an endpoint (with or without the final slash) or lies under it.
def endpointOf = { repo ->
    repo.url == null ? null : codeartifact.find { trimmed(repo.url) == trimmed(it.url) || repo.url.toString().startsWith(it.url) }
}
def authenticate = { repositories ->
    repositories.withType(MavenArtifactRepository) { repo ->
        def found = endpointOf(repo)
        if (found == null) return
        try {
            repo.credentials {
                username = '${"aws"}'
                password = System.getenv(found.variable)
            }
        } catch (IllegalStateException ignored) {
            // The build gave this repository another kind of credentials (HTTP header, AWS): its choice.
        }
    }
}
// replace: the endpoint first, before the repositories the build declares.
def addFirst = { repositories ->
    codeartifact.findAll { it.replace }.reverse().each { wanted ->
        if (repositories.withType(MavenArtifactRepository).any { endpointOf(it) == wanted }) return
        def added = repositories.maven { name = wanted.name; url = wanted.url }
        repositories.remove(added)
        repositories.addFirst(added)
    }
}
def settingsRepositories = false
settingsEvaluated { settings ->
    authenticate(settings.pluginManagement.repositories)
    addFirst(settings.pluginManagement.repositories)
    // Gradle 6.8+: repositories declared once in settings.gradle; projects may be forbidden their own.
    if (settings.hasProperty('dependencyResolutionManagement')) {
        def shared = settings.dependencyResolutionManagement.repositories
        authenticate(shared)
        if (!shared.isEmpty()) {
            settingsRepositories = true
            addFirst(shared)
        }
    }
}
allprojects { project ->
    authenticate(project.buildscript.repositories)
    authenticate(project.repositories)
    if (!settingsRepositories) addFirst(project.repositories)
    // Gradle 4.x configures the publishing extension late: touching it earlier breaks the build.
    project.afterEvaluate {
        project.pluginManager.withPlugin('maven-publish') { authenticate(project.publishing.repositories) }
    }
}
`;function _(t,e,r=process.platform,i){let s=l(r),o=[t.JAVA_OPTS,t.GRADLE_OPTS].map(a=>m(a,"gradle.user.home")).filter(Boolean).at(-1);return o&&s.isAbsolute(o)?o:t.GRADLE_USER_HOME?g("GRADLE_USER_HOME",t.GRADLE_USER_HOME,r):s.join(E(t,["JAVA_OPTS","GRADLE_OPTS"],e,r,i),".gradle")}function b(t,e){if(/[\s,]/.test(e.endpoint))throw new Error(`the endpoint ${JSON.stringify(e.endpoint)} has a space or comma`);return[...(t??"").split(/\s+/).filter(i=>i&&i.split(",")[1]!==e.endpoint),[e.name,e.endpoint,e.tokenVariable,e.replace?"replace":"keep"].join(",")].join(" ")}var j={async configure({endpoint:t,token:e,tokenVariable:r,settings:i,workspace:s,env:o,home:a}){let d=i.registryName,A=b(o[n],{name:d,endpoint:t,tokenVariable:r,replace:i.publicRegistry==="replace"}),c=l(process.platform).join(_(o,a),"init.d",y);await h({file:c,description:`remove ${c}`,edit:()=>T},s);let p=`ORG_GRADLE_PROJECT_${d}Password`,f=o[p];return f&&f!==e&&u(`gradle: ${p} was set by an earlier step (another instance of this action?); it now holds this token: give each instance its own registry-name`),{[r]:e,[n]:A,[`ORG_GRADLE_PROJECT_${d}Username`]:"aws",[p]:e}}};export{y as INIT_SCRIPT,T as INIT_SCRIPT_TEXT,n as REPOSITORIES_VARIABLE,j as gradle,_ as gradleUserHome,b as repositoriesValue};
