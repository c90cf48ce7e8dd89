"""The JIT agreement a group drafts in the joint-investigation-team exercise: its schema,
form, checklist, exports, pages and API."""
