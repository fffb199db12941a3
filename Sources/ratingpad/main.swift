import Agent

RatingpadCommand.main()
