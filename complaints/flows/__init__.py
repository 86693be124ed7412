"""What happens to cases, one flow per module; views and commands call these.

- filing: file a case, confirm a guest's address
- repair: ask for and add what an objection lacks, the reason for objecting late
- attachments: store a file with a case
- messages: messages between the person and the handler
- handling: the handler's steps on an open case (take, acknowledge, committee,
  postpone, hearing)
- decision: the written outcome and the next step
- closing: decline, forward, withdraw, close
- reminders: deadline reminders for handlers
- retention: the retention period and anonymisation
- archive: the download of a case (AVG art. 15)
- letters: writing to the person; records: the timeline and the access log
"""
