/**
 * On Node 20 the AWS SDK prints, mid-log, that SDK releases after the first week of January 2027
 * will require Node 22. The bundle carries one fixed SDK release, which supports Node 20
 * (package-lock.json pins it; the suite runs on Node 20 and 24), so the warning concerns releases
 * this action does not run. A value the user set is kept.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
